import { recordAdmissionQueueChange } from "./metrics.js";
import { SpanKind } from "./span.js";
import { tracer, tracingEnabled } from "./tracing.js";

export interface AdmissionWait {
  /** The operation got a slot, its caller left first, or it was refused (deadline, shutdown); idempotent. */
  end(outcome: "admitted" | "cancelled" | "refused"): void;
}

/** An operation queued for an execution slot: the queue-depth gauge and, with tracing on, a span for the wait. */
export function admissionWaitStarted(): AdmissionWait {
  recordAdmissionQueueChange(1);
  const span = tracingEnabled()
    ? tracer().startSpan("graphql admission wait", { kind: SpanKind.INTERNAL })
    : undefined;
  let ended = false;
  return {
    end(outcome) {
      if (ended) return;
      ended = true;
      recordAdmissionQueueChange(-1);
      span?.setAttribute("orders.admission.outcome", outcome);
      span?.end();
    },
  };
}
