/** Replaces every registered secret in text with `***`, longest first so overlapping secrets are fully hidden. */
export class Redactor {
  private secrets: string[] = [];

  add(secret: string): void {
    // Short values would mask ordinary words and make logs unreadable while hiding nothing of worth.
    if (secret.length < 4 || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }
}
