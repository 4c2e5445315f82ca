#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx eakte` works in a checkout without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../host/cli/run.ts');
