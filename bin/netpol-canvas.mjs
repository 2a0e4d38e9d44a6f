#!/usr/bin/env node
// The installed bin runs the TypeScript CLI through tsx, so source and bin never drift apart.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
