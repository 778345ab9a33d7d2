import type { AuditEvent, AuditVerification } from '@modelport/plugin-models-common';
import { GENESIS_HASH, hashAuditEvent } from './hashChain';

/**
 * Recomputes the hash chain one event at a time, from the first, so that a reader that walks the log anyway (the
 * verification, the auditor's report) proves it in the same pass, holding one hash rather than the log.
 */
export class ChainVerifier {
  #prevHash = GENESIS_HASH;
  #expectedSeq = 1;
  #broken?: { firstBrokenSeq: number; reason: string };

  /** Takes the next event in chain order; false once the chain is broken (the first break is kept). */
  next(event: AuditEvent): boolean {
    if (this.#broken) return false;
    const { seq, hash: stored, prevHash: link, ...rest } = event;
    const expected = this.#expectedSeq;
    if (seq !== expected) return this.#break(`event ${expected} is missing`);
    if (link !== this.#prevHash) return this.#break(`event ${seq} does not link to the hash of event ${seq - 1}`);
    const hash = hashAuditEvent(this.#prevHash, { seq, ...rest });
    if (hash !== stored) return this.#break(`event ${seq} was altered: its content does not match its hash`);
    this.#prevHash = hash;
    this.#expectedSeq += 1;
    return true;
  }

  /** The verdict once every event was given, against the head the log keeps (its last seq and hash). */
  result(head: { seq: number; hash: string }): AuditVerification {
    const events = this.#expectedSeq - 1;
    if (this.#broken) return { valid: false, events, ...this.#broken };
    if (head.seq !== events || head.hash !== this.#prevHash) {
      return { valid: false, events, firstBrokenSeq: events + 1, reason: `the log ends at event ${events} but ${head.seq} events were written` };
    }
    return { valid: true, events, headHash: this.#prevHash };
  }

  #break(reason: string): false {
    this.#broken = { firstBrokenSeq: this.#expectedSeq, reason };
    return false;
  }
}
