import { ApiError, auth } from "./api.ts";
import { h } from "./dom.ts";

/// Downloads a file the API serves (an export, the table of authorities):
/// the API needs the sign-in token, so the file is fetched and handed to the
/// browser as a download, named by the answer's Content-Disposition
/// (`filename*`, else `filename`), else `fallbackName`. A refusal throws
/// the server's `ApiError`.
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, {
    headers: { Authorization: `Bearer ${await auth.token()}` },
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(res.status, data?.error?.code ?? "error", data?.error?.message ?? "");
  }
  const blob = await res.blob();
  const disposition = res.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
