/** One-line JSON logs on stderr; the server log is where correlation ids are looked up. */
function write(level: string, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }) + "\n");
}

export const log = {
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
