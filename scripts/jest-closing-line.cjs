// Prints one plain closing line after jest's own summary, e.g. "tests: 148 passed, 0 failed, 0 skipped",
// so a reader that does not know jest's format still sees the counts. Written at exit, so it comes last.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = ClosingLineReporter;
