// Preloaded with `node --import` in tests: records every module the process loads into
// the file named by IMSIM_RECORD_IMPORTS, so a test can check what `--help` pulls in.
import { register } from 'node:module';

register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { file: process.env.IMSIM_RECORD_IMPORTS } });
