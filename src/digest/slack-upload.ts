/**
 * The PDF into the summary's thread by the three steps of Slack's `files.uploadV2`, one at a time, with
 * the progress saved after each so that a failed step is retried on its own and never makes a second
 * file:
 *
 *   step                              | saved             | on failure
 *   ----------------------------------+-------------------+-----------------------------------------------
 *   1 files.getUploadURLExternal      | fileId, uploadUrl | retried (a file id never completed is never
 *                                     |                   |   shown: it cannot become a second file)
 *   2 POST the bytes to uploadUrl     | uploaded          | retried to the same URL (same file)
 *   3 files.completeUploadExternal    | shared            | after an ambiguous failure the thread is read
 *     (channel, thread_ts)            |                   |   first: the file there means it is done
 *   Slack forgot the file (expired)   | reset to step 1   | once per run
 *
 * Steps 1 and 3 go through the real WebClient (`SlackApi`); step 2 is the plain POST the WebClient's
 * uploadV2 makes too.
 */
import { PermanentSendError, UncertainSendError } from "../alert/errors.js";
import type { SlackApi } from "../alert/slack/api.js";
import { escapeSlack } from "../alert/slack/mrkdwn.js";
import { type RetryPolicy, withRetries } from "../alert/slack/post.js";
import type { DigestPatch, DigestRecord } from "../store/digest-port.js";

export interface UploadJob {
  api: SlackApi;
  policy: RetryPolicy;
  channel: string;
  record: DigestRecord;
  /** Saves progress on the record (the store's updateDigest for this holder). */
  save: (patch: DigestPatch) => Promise<DigestRecord>;
  pdf: Buffer;
  filename: string;
  title: string;
  comment: string;
  timeoutMs: number;
}

class FileGoneError extends Error {
  override name = "FileGoneError";
}

const GONE = /file_not_found|invalid_upload|upload_expired|file_deleted/;

async function postBytes(url: string, pdf: Buffer, filename: string, timeoutMs: number): Promise<void> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), filename);
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", body: form, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const what = err instanceof Error && err.name === "TimeoutError" ? "timed out" : String(err);
    throw new UncertainSendError(`Slack file upload: ${what}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  if (res.status === 404 || res.status === 410)
    throw new FileGoneError(`Slack file upload: HTTP ${res.status}`);
  if (res.status >= 500 || res.status === 429)
    throw new UncertainSendError(`Slack file upload: HTTP ${res.status}`);
  throw new PermanentSendError(`Slack file upload: HTTP ${res.status}`);
}

interface ThreadPage {
  messages?: { ts: string; files?: { id?: string }[] }[];
  response_metadata?: { next_cursor?: string };
}

/** Is the file already shared in the thread (an earlier completion whose answer was lost)? */
async function sharedInThread(api: SlackApi, channel: string, ts: string, fileId: string): Promise<boolean> {
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await api.call<ThreadPage>("conversations.replies", { channel, ts, limit: 200, cursor });
    if (page.messages?.some((m) => m.files?.some((f) => f.id === fileId))) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
    if (!cursor) return false;
  }
  return false;
}

/** Share the PDF in the thread of `record.messageTs`; returns the record with `shared: true`. */
export async function uploadPdfToThread(job: UploadJob): Promise<DigestRecord> {
  const { api, policy } = job;
  let r = job.record;
  if (!r.messageTs) throw new Error("uploadPdfToThread: the summary message has not been posted");
  for (let round = 0; ; round++) {
    try {
      if (!r.fileId || !r.uploadUrl) {
        const got = await withRetries(policy, () =>
          api.call<{ file_id: string; upload_url: string }>("files.getUploadURLExternal", {
            filename: job.filename,
            length: job.pdf.length,
          }),
        );
        r = await job.save({ fileId: got.file_id, uploadUrl: got.upload_url, uploaded: false });
      }
      if (!r.uploaded) {
        const url = r.uploadUrl!;
        await withRetries(policy, () => postBytes(url, job.pdf, job.filename, job.timeoutMs));
        r = await job.save({ uploaded: true });
      }
      let look = r.attempts > 1;
      const fileId = r.fileId!;
      await withRetries(
        policy,
        async () => {
          if (look && (await sharedInThread(api, job.channel, r.messageTs!, fileId))) return;
          await api.call("files.completeUploadExternal", {
            files: [{ id: fileId, title: job.title }],
            channel_id: job.channel,
            thread_ts: r.messageTs,
            initial_comment: escapeSlack(job.comment),
          });
        },
        () => {
          look = true;
        },
      );
      return await job.save({ shared: true });
    } catch (err) {
      const gone =
        err instanceof FileGoneError || (err instanceof PermanentSendError && GONE.test(err.message));
      if (!gone || round > 0) throw err;
      // Slack no longer knows the file (an upload URL expires): start over with a new one, once.
      r = await job.save({ fileId: undefined, uploadUrl: undefined, uploaded: false });
    }
  }
}
