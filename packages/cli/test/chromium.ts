import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Loads a local file in headless Chromium and returns the DOM after rendering (and a screenshot, if asked). */
export async function renderInChromium(file: string, screenshot?: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'ecgrid-chromium-'));
  try {
    const url = `file://${file}`;
    const common = [...FLAGS, `--user-data-dir=${profile}`];
    if (screenshot) await run(CHROMIUM, [...common, `--screenshot=${screenshot}`, '--window-size=1200,1600', url], { timeout: 60_000 });
    const { stdout } = await run(CHROMIUM, [...common, '--dump-dom', url], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
