// The netpol-canvas command. Everything but the process's streams and exit code lives in run.ts,
// so tests can run the very same code in-process.
import { run } from './run';

process.exitCode = run(process.argv.slice(2));
