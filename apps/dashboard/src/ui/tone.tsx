import type { AnyStatus, STATUS_TONE } from './status';

export type Tone = (typeof STATUS_TONE)[AnyStatus];

/**
 * The colour of a status tone as styles.css defines it (`--tone-good`…), for what cannot take a CSS
 * class, such as chart series: charts and badges then share one palette, defined once.
 */
export function toneColour(tone: Tone): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--tone-${tone}`).trim() || 'currentColor';
}

/** A coloured badge for a value outside the status enums (a Jenkins result…), in one of the status tones. */
export function ToneBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
