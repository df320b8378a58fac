/**
 * The shutdown-marker handshake as a container command: run the shipper in the background, wait for the
 * marker file (or for the shipper to die), give it `graceSeconds` to ship the last lines, stop it with
 * SIGTERM and exit 0 if it stopped cleanly. `$@` is the shipper's own command line.
 */
export function shutdownMarkerCommand(shipperArgv: string[], markerPath: string, graceSeconds: number): { command: string[]; args: string[] } {
  const marker = shellQuote(markerPath);
  const script = [
    '"$@" &',
    'pid=$!;',
    `while [ ! -e ${marker} ]; do kill -0 "$pid" 2>/dev/null || { wait "$pid"; exit $?; }; sleep 1; done;`,
    `sleep ${graceSeconds};`,
    'kill -TERM "$pid";',
    'wait "$pid"; status=$?;',
    // 143 is the shell's status for a child ended by SIGTERM: the shutdown asked for.
    '[ "$status" -eq 143 ] && status=0;',
    'exit "$status"',
  ].join(' ');
  return { command: ['/bin/sh', '-c', script, 'log-shipper'], args: shipperArgv };
}

/** Single-quotes a word for /bin/sh, whatever it contains. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
