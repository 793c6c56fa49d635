#!/usr/bin/env node
import { Command } from 'commander';
import { runDemo } from './demo.js';

const program = new Command()
  .name('ecgrid-bridge')
  .description('Move an ECGridOS SOAP integration to the ECGrid REST API without rewriting it.');

program
  .command('demo')
  .description('Show the SOAP layer at work: the operation table, an envelope, and a parsed answer and fault.')
  .action(async () => {
    process.exitCode = await runDemo(process.stdout);
  });

await program.parseAsync(process.argv);
