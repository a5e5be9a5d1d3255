// Tests assert on behaviour, not logs: keep service logs to errors unless asked for more.
process.env.LOG_LEVEL ??= 'error';
