export type { CommandModule, Execute, GlobalOptions } from './command.js';
export { COMMANDS, createProgram, describeProgram, main } from './main.js';
