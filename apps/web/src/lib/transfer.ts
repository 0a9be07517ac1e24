/**
 * Files to and from the API. Downloads (Excel, CSV, PDF, SEPA XML) need the bearer token, so a
 * plain link will not do: the file is fetched, handed to the browser as a blob and saved under
 * the German name the API sends (RFC 5987 `filename*`). Uploads use XMLHttpRequest because only
 * it reports upload progress (fetch does not).
 */
import { ApiError, toProblem } from '../api/problem';
import type { paths } from '../api/schema';
import { session } from '../api/session';

/** The POST paths of the API whose body is a multipart form (uploads). */
export type UploadPath = {
  [P in keyof paths]: paths[P] extends { post: { requestBody: { content: { 'multipart/form-data': unknown } } } } ? P : never;
}[keyof paths];

/** The JSON a successful POST to `P` answers (200, 201 or 202), as docs/openapi.json declares it. */
export type UploadAnswer<P extends UploadPath> = paths[P] extends { post: { responses: infer R } }
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? (R[S] extends { content: { 'application/json': infer J } } ? J : never) : never }[keyof R]
  : never;

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` first, then `filename="…"`. */
export function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const name = plain?.[1] ?? plain?.[2]?.trim();
  return name || null;
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // no JSON body
  }
  if (res.status === 401 && session.token()) session.end('expired');
  return new ApiError(toProblem(res.status, body));
}

/** Fetches a file with the session's token and saves it; returns the name it was saved under. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const token = session.token();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError({ status: 0 });
  }
  if (!res.ok) throw await problemOf(res);
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName;
  saveBlob(blob, name);
  return name;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * POSTs a multipart form and reports the share of bytes sent (0…1). Resolves with the JSON answer;
 * rejects with an ApiError carrying the problem+json of the API (or status 0 when offline). The
 * answer's type follows from the path template (e.g. `/api/v1/proofs-of-use/{id}/imports`).
 */
export function uploadWithProgress<P extends UploadPath>(
  template: P,
  pathParams: { id: string },
  body: FormData,
  onProgress: (fraction: number) => void,
): { done: Promise<UploadAnswer<P>>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadAnswer<P>>((resolve, reject) => {
    xhr.open('POST', template.replace('{id}', encodeURIComponent(pathParams.id)));
    const token = session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        // The API's declared answer for this path; like openapi-fetch, the body is not re-validated here.
        resolve(json as UploadAnswer<P>);
        return;
      }
      if (xhr.status === 401 && session.token()) session.end('expired');
      reject(new ApiError(toProblem(xhr.status, json)));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0 }));
    xhr.onabort = () => reject(new ApiError({ status: 0, detail: 'Das Hochladen wurde abgebrochen.' }));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

/**
 * Fetches a PDF with the session's token and shows it in a new tab (the browser's own viewer),
 * e.g. the draft of a Bescheid (issue 16). The tab is opened at once, inside the click, so pop-up
 * blockers let it through, and is pointed at the file once it has arrived; where no tab can be
 * opened, the file is saved instead. Rejects with the API's problem (the tab is closed again).
 */
export async function openFile(path: string, fallbackName: string): Promise<void> {
  const tab = window.open('', '_blank');
  const token = session.token();
  try {
    let res: Response;
    try {
      res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError({ status: 0 });
    }
    if (!res.ok) throw await problemOf(res);
    const blob = await res.blob();
    if (!tab) {
      saveBlob(blob, fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName);
      return;
    }
    const url = URL.createObjectURL(blob);
    tab.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
