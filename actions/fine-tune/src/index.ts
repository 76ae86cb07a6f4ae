import { run } from './main.js';

void run().then((code) => {
  process.exitCode = code;
});
