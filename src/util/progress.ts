/** A one-line progress bar on stderr, only when stderr is a TTY (logs are JSON otherwise). */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { tick() {}, done() {} };
  let n = 0;
  const width = 24;
  const draw = (label: string) => {
    const filled = Math.round((n / total) * width);
    stream.write(`\r\x1b[2K[${"#".repeat(filled)}${".".repeat(width - filled)}] ${n}/${total} ${label}`);
  };
  draw("");
  return {
    tick(label) {
      n += 1;
      draw(label);
    },
    done() {
      stream.write("\r\x1b[2K");
    },
  };
}
