// Synthetic support-bot traffic with known shifts, shared by the monitor benchmark and its tests:
// prompts from a few customer-support topics, answers in the bot's style, token counts near
// characters / 4, and a small share of refusals, as a real log has.

import type { LoggedExchange } from '@slipway/monitor';

export type Shift = 'none' | 'topic' | 'longer' | 'language' | 'refusals';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const ITEMS = ['order', 'parcel', 'package', 'jacket', 'laptop', 'headphones', 'shoes', 'subscription', 'gift card', 'phone case'];
const EN_TOPICS: ((r: () => number) => string)[] = [
  (r) =>
    `Where is my ${pick(r, ITEMS)}? I ordered it ${pick(r, ['last week', 'on Monday', 'ten days ago', 'yesterday'])} and ${pick(r, ['tracking has not moved', 'it still says processing', 'nothing arrived', 'the courier never came'])}.`,
  (r) => `How do I return the ${pick(r, ITEMS)}? ${pick(r, ['It arrived broken.', 'It is the wrong size.', 'I changed my mind.', 'It does not work.'])}`,
  (r) => `Can I change the delivery address for my ${pick(r, ITEMS)} to ${pick(r, ['my office', 'my parents', 'a pickup point', 'my new flat'])}?`,
  (r) =>
    `I was charged ${pick(r, ['twice', 'the wrong amount', 'after I cancelled', 'for shipping I did not pick'])} for my ${pick(r, ITEMS)}. Can you refund it?`,
  (r) => `What is your ${pick(r, ['return policy', 'warranty', 'shipping time', 'price match policy'])} for a ${pick(r, ITEMS)}?`,
];
const NEW_TOPIC: ((r: () => number) => string)[] = [
  (r) =>
    `Can I pay for the ${pick(r, ITEMS)} with ${pick(r, ['bitcoin', 'ethereum', 'a crypto wallet', 'stablecoins'])}? Which ${pick(r, ['network', 'wallet address', 'exchange', 'chain'])} do you use?`,
  (r) =>
    `My ${pick(r, ['crypto payment', 'wallet transfer', 'bitcoin transaction', 'token payment'])} for the ${pick(r, ITEMS)} is ${pick(r, ['pending', 'unconfirmed', 'stuck', 'missing'])} after ${pick(r, ['two blocks', 'an hour', 'six confirmations', 'a day'])}.`,
];
const ES_TOPICS: ((r: () => number) => string)[] = [
  (r) =>
    `¿Dónde está mi ${pick(r, ['pedido', 'paquete', 'chaqueta', 'portátil', 'teléfono'])}? Lo pedí ${pick(r, ['la semana pasada', 'el lunes', 'hace diez días', 'ayer'])} y no ha llegado.`,
  (r) =>
    `¿Cómo puedo devolver el ${pick(r, ['pedido', 'paquete', 'portátil', 'regalo'])}? ${pick(r, ['Llegó roto.', 'No es mi talla.', 'No funciona.', 'Me equivoqué de modelo.'])}`,
  (r) =>
    `Me cobraron ${pick(r, ['dos veces', 'de más', 'después de cancelar'])} por mi ${pick(r, ['pedido', 'suscripción', 'paquete'])}. ¿Me lo pueden reembolsar?`,
];
const CONTEXT = [
  'I have been a customer for years and this never happened before.',
  'My order number is in the confirmation e-mail you sent me.',
  'I already tried the help page and the chat button did not work.',
  'Please answer quickly because I travel next week.',
];

const EN_ANSWERS = [
  'I have checked your order: it left our warehouse and should arrive within two working days. You can follow it with the tracking link in your confirmation e-mail.',
  'You can return it within 30 days from the Orders page: choose Return, print the label and drop the parcel at any pickup point. The refund follows within five days.',
  'Yes, as long as it has not shipped yet. Open the order, choose Change address and enter the new one; you will get a confirmation e-mail.',
  'Sorry about that. I have opened a refund request for the duplicate charge; it appears on your statement within three to five working days.',
];
const ES_ANSWERS = [
  'He revisado tu pedido: salió del almacén y llegará en dos días laborables. Puedes seguirlo con el enlace del correo de confirmación.',
  'Puedes devolverlo en 30 días desde la página de Pedidos: elige Devolver, imprime la etiqueta y deja el paquete en un punto de recogida.',
];
const REFUSALS = [
  "I'm sorry, but I can't help with that request.",
  'I cannot assist with that. Please contact our support team by phone.',
  "As an AI assistant, I can't provide that information.",
];

function exchange(prompt: string, output: string, at: number): LoggedExchange {
  return {
    time: new Date(at).toISOString(),
    prompt,
    output,
    promptChars: prompt.length,
    outputChars: output.length,
    inputTokens: Math.round(prompt.length / 4) + 8,
    outputTokens: Math.round(output.length / 4),
  };
}

/**
 * `n` exchanges; `shift` changes the mix as the benchmark states it. `mild` shifts are a third to
 * a half as strong: 10% new topic, half the prompts one sentence longer, 5% Spanish, 5% refusals.
 */
export function sampleExchanges(r: () => number, n: number, shift: Shift = 'none', at = Date.now(), mild = false): LoggedExchange[] {
  return Array.from({ length: n }, () => {
    const spanish = shift === 'language' && r() < (mild ? 0.05 : 0.2);
    const newTopic = shift === 'topic' && r() < (mild ? 0.1 : 0.3);
    let prompt = spanish ? pick(r, ES_TOPICS)(r) : newTopic ? pick(r, NEW_TOPIC)(r) : pick(r, EN_TOPICS)(r);
    if (r() < 0.3) prompt = `${prompt} ${pick(r, CONTEXT)}`;
    if (shift === 'longer' && mild && r() < 0.5) prompt = `${prompt} ${pick(r, CONTEXT)}`;
    if (shift === 'longer' && !mild) prompt = `${prompt} ${pick(r, CONTEXT)} ${r() < 0.5 ? pick(r, CONTEXT) : ''}`.trim();
    const refusalRate = shift === 'refusals' ? (mild ? 0.05 : 0.1) : 0.02;
    const output = r() < refusalRate ? pick(r, REFUSALS) : spanish ? pick(r, ES_ANSWERS) : pick(r, EN_ANSWERS);
    return exchange(prompt, output, at);
  });
}

/** A prompt as a user of the given mix would send it (for live traffic through the gateway). */
export function samplePrompt(r: () => number, shift: Shift = 'none'): string {
  const [e] = sampleExchanges(r, 1, shift);
  return e?.prompt ?? '';
}
