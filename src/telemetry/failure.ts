/** What telemetry records of a failure: the contract error code and the upstream's own code, nothing of the message. */
export interface FailureCodes {
  code: string;
  upstreamCode?: string;
}

/** Read from the error's `code`/`upstreamCode` (our typed errors carry both); messages may hold upstream text, so never. */
export function failureCodes(error: unknown): FailureCodes {
  const { code, upstreamCode } = (error ?? {}) as { code?: unknown; upstreamCode?: unknown };
  return {
    code: typeof code === "string" ? code : "INTERNAL_SERVER_ERROR",
    ...(typeof upstreamCode === "string" ? { upstreamCode } : {}),
  };
}

/** Runs `work`, then tells `record` its outcome: undefined for success, else the error code. */
export async function withOutcome<T>(
  work: () => Promise<T>,
  record: (code: string | undefined) => void,
): Promise<T> {
  let code: string | undefined;
  try {
    return await work();
  } catch (error) {
    code = failureCodes(error).code;
    throw error;
  } finally {
    record(code);
  }
}
