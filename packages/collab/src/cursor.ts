/// Small helpers of `CollabSession`: remote carets drawn safely, base64.

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/// A remote caret with the person's name, built with textContent only.
export function cursorBuilder(user: { name?: string; color?: string }): HTMLElement {
  const cursor = document.createElement("span");
  cursor.classList.add("gl-remote-caret");
  cursor.style.borderColor = safeColor(user.color);
  const label = document.createElement("span");
  label.classList.add("gl-remote-caret-label");
  label.style.backgroundColor = safeColor(user.color);
  label.textContent = user.name ?? "Someone";
  cursor.append(label);
  return cursor;
}

function safeColor(color: unknown): string {
  return typeof color === "string" && /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#666666";
}
