/** The command line as a library: run it with an argv, or build its commander program to embed it. */
export { main, buildProgram, EXIT } from './program.js';
export { runCall, type CallOptions } from './commands/call.js';
export { runDemo, type DemoOptions } from './commands/demo.js';
export { runParity, readCalls, type ParityCommandOptions, type PlannedCall } from './commands/parity.js';
export { runSandbox, type SandboxCommandOptions } from './commands/sandbox.js';
export { runGateway, type GatewayCommandOptions } from './commands/gateway.js';
export { runScan, type ScanCommandOptions } from './commands/scan.js';
