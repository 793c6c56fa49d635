// The parity report renderer lives in the library; the command line's reports share its look.
export { type ParityReportInput, type RunRow, REPORT_STYLE, escapeHtml as escape, isProblem, renderParityReport } from '@ecgrid-bridge/facade';
