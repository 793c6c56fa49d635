import type { FileComparison, FileSide, MismatchRecord } from '../parity/record.js';

/** A download's record: one with a byte comparison. */
export type DownloadRecord = MismatchRecord & { file: FileComparison };

export const isDownloadRecord = (r: MismatchRecord): r is DownloadRecord => r.file !== undefined;

const ORDER: Record<FileComparison['verdict'], number> = { different: 0, 'not-compared': 1, 'same-bytes': 2 };

/** Downloads with differing bytes first, then those not compared, then the equal ones; otherwise in run order. */
export function downloadsWorstFirst(records: readonly MismatchRecord[]): DownloadRecord[] {
  return records.filter(isDownloadRecord).sort((a, b) => ORDER[a.file.verdict] - ORDER[b.file.verdict]);
}

export const shortDigest = (sha256: string | undefined): string => (sha256 ? `${sha256.slice(0, 12)}…` : '—');

const sizeOf = (side: FileSide | undefined): string => (side ? `${side.bytes} bytes` : '—');

/** Why a download was not compared: the side that failed, or the file a side did not give. */
function notCompared(record: DownloadRecord): string {
  const failed = [record.control, record.candidate].find((o) => o && !o.ok);
  if (failed) return `not compared: ${failed.backend.toUpperCase()} failed (${failed.error?.code ?? 'error'})`;
  return record.candidate ? 'not compared: a side answered no file' : 'not compared: the candidate did not run';
}

/** The verdict in a few words, for a table whose other columns give the names, sizes and digests. */
export function byteSummary(record: DownloadRecord): string {
  const { file } = record;
  if (file.verdict === 'same-bytes') return 'same bytes';
  if (file.verdict === 'not-compared') return notCompared(record);
  if (!file.differs.includes('digest')) return 'same bytes, name differs';
  return `bytes differ: ${file.differs.map((d) => (d === 'size' ? 'size' : d === 'digest' ? 'digest' : 'name')).join(', ')}`;
}

/** One line per parcel: "same bytes (…)", or what differs (size, digest, name), or why nothing was compared. */
export function byteVerdict(record: DownloadRecord): string {
  const { file } = record;
  const [c, k] = [file.control, file.candidate];
  if (file.verdict === 'same-bytes' && c) return `same bytes (${sizeOf(c)}, sha256 ${shortDigest(c.sha256)})`;
  if (file.verdict === 'different' && c && k) {
    const control = record.control.backend.toUpperCase();
    const candidate = record.candidate?.backend.toUpperCase() ?? 'candidate';
    const parts = file.differs.map((d) =>
      d === 'size' ? `size ${c.bytes} ≠ ${k.bytes} bytes` : d === 'digest' ? `sha256 ${c.sha256} (${control}) ≠ ${k.sha256} (${candidate})` : `name ${c.name ?? '—'} ≠ ${k.name ?? '—'}`,
    );
    return `${file.differs.includes('digest') ? 'bytes differ' : 'same bytes, but'}: ${parts.join('; ')}`;
  }
  return notCompared(record);
}
