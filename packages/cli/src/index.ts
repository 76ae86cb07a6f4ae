export type { CommandModule, Execute, GlobalOptions } from './command.js';
export { COMMANDS, main } from './main.js';
