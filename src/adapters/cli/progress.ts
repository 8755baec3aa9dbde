/** Reports ingestion progress: a redrawn bar on a terminal, a plain line per tenth elsewhere (logs, CI). */
export function progressReporter(stream: NodeJS.WriteStream): {
  update(done: number, total: number): void;
  end(): void;
} {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total === 0) return;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} days`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`progress: ${done}/${total} days\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
