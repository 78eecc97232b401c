// axe-core scans: the violations on what the page shows (all, or the serious and critical
// ones), one line each.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; }'

export interface Finding {
  rule: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page, or on `include` only,
 * and returns its serious and critical violations.
 */
export function seriousViolations(page: Page, include?: string): Promise<Finding[]> {
  return violations(page, include, ['serious', 'critical'])
}

/** As seriousViolations, every violation whatever its impact (minor, moderate too). */
export function allViolations(page: Page, include?: string): Promise<Finding[]> {
  return violations(page, include, ['minor', 'moderate', 'serious', 'critical'])
}

async function violations(
  page: Page,
  include: string | undefined,
  impacts: string[]
): Promise<Finding[]> {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice'
  ])
  if (include) builder = builder.include(include)
  // Transitions and animations are switched off, so colours are measured as they settle (not
  // halfway through a dialog fading in or a theme change).
  await page.addStyleTag({ content: STILL })
  const { violations } = await builder.analyze()
  return violations
    .filter((v) => impacts.includes(v.impact ?? ''))
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes
        .slice(0, 8)
        .map(
          (n) =>
            `${n.target.join(' ')} ${n.html.slice(0, 160)} :: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 220)}`
        )
    }))
}
