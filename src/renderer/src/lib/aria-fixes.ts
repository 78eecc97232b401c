// Names and roles that naive-ui's own markup leaves out, with no prop to supply them: the
// step buttons of number inputs, card headers (dialog titles), the dialogs' names, the
// selection checkboxes, expand column and sortable headers of data tables, and the tie
// between a form item's label and its input.
// Applied to the DOM as it changes, at most once per animation frame.

let nextId = 0

function ensureId(el: HTMLElement, prefix: string): string {
  if (!el.id) el.id = `${prefix}-${++nextId}`
  return el.id
}

function unnamed(el: Element): boolean {
  return !el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby')
}

/** A form item's visible label names its first text input (`for` + `id`). */
function labelFormItems(root: ParentNode): void {
  for (const label of root.querySelectorAll<HTMLLabelElement>('label.n-form-item-label')) {
    if (label.htmlFor) continue
    const item = label.closest('.n-form-item')
    const control = item?.querySelector<HTMLElement>(
      '.n-form-item-blank input:not([type="hidden"]), .n-form-item-blank textarea'
    )
    if (!control || control.hasAttribute('aria-label')) continue
    label.htmlFor = ensureId(control, 'field')
  }
}

/** The minus and plus buttons of a number input (the last two buttons it renders). */
function labelNumberSteppers(root: ParentNode): void {
  for (const input of root.querySelectorAll('.n-input-number')) {
    const buttons = input.querySelectorAll(
      '.n-input__prefix > button.n-button, .n-input__suffix > button.n-button'
    )
    const n = buttons.length
    if (n >= 2 && unnamed(buttons[n - 2])) buttons[n - 2].setAttribute('aria-label', 'Decrease')
    if (n >= 1 && unnamed(buttons[n - 1])) buttons[n - 1].setAttribute('aria-label', 'Increase')
  }
}

/**
 * A card header is a heading of level 2 (naive-ui marks both the header and its title as
 * headings without a level, the header holding buttons too); a dialog is named by its title.
 */
function fixCardHeaders(root: ParentNode): void {
  for (const header of root.querySelectorAll('.n-card-header[role="heading"]'))
    header.removeAttribute('role')
  for (const title of root.querySelectorAll<HTMLElement>('.n-card-header__main[role="heading"]'))
    if (!title.hasAttribute('aria-level')) title.setAttribute('aria-level', '2')
  for (const dialog of root.querySelectorAll('.n-card[role="dialog"]')) {
    if (!unnamed(dialog)) continue
    const title = dialog.querySelector<HTMLElement>('.n-card-header__main')
    if (title?.textContent?.trim()) dialog.setAttribute('aria-labelledby', ensureId(title, 'title'))
  }
}

/** naive-ui shows a disabled checkbox or switch greyed out but does not say so. */
function markDisabled(root: ParentNode): void {
  for (const el of root.querySelectorAll(
    '.n-checkbox[role="checkbox"], .n-switch[role="switch"]'
  )) {
    const disabled = /--disabled\b/.test(el.className)
    if (disabled !== (el.getAttribute('aria-disabled') === 'true'))
      el.setAttribute('aria-disabled', String(disabled))
  }
}

/** A data table's selection checkboxes: the header's selects every row, a row's selects it. */
function labelTableCheckboxes(root: ParentNode): void {
  for (const box of root.querySelectorAll('.n-data-table-th--selection .n-checkbox'))
    if (!labelled(box)) box.setAttribute('aria-label', 'Select all rows')
  for (const box of root.querySelectorAll('.n-data-table-td--selection .n-checkbox'))
    if (!labelled(box)) box.setAttribute('aria-label', 'Select row')
}

/**
 * The header of a data table's expand column (naive-ui leaves it empty, and a table header
 * without text names nothing): text for screen readers.
 */
function nameExpandHeaders(root: ParentNode): void {
  for (const th of root.querySelectorAll('th.n-data-table-th[data-col-key="__n_expand__"]')) {
    if (th.textContent?.trim()) continue
    const text = document.createElement('span')
    text.className = 'sr-only'
    text.textContent = 'Expand'
    th.append(text)
  }
}

/**
 * A sortable column's header: reached with Tab (sorted with Enter or Space, see
 * sortFromKeyboard) and saying how the table is sorted by it. naive-ui sorts on a click only.
 */
function sortableHeaders(root: ParentNode): void {
  for (const th of root.querySelectorAll<HTMLElement>('th.n-data-table-th--sortable')) {
    if (!th.hasAttribute('tabindex')) th.tabIndex = 0
    const sorter = th.querySelector('.n-data-table-sorter')?.classList
    const sort = sorter?.contains('n-data-table-sorter--asc')
      ? 'ascending'
      : sorter?.contains('n-data-table-sorter--desc')
        ? 'descending'
        : 'none'
    if (th.getAttribute('aria-sort') !== sort) th.setAttribute('aria-sort', sort)
  }
}

/** Enter or Space on a sortable column's header sorts as a click does (and does nothing else). */
function sortFromKeyboard(e: KeyboardEvent): void {
  if (e.key !== 'Enter' && e.key !== ' ') return
  const th = e.target instanceof HTMLElement ? e.target : null
  if (!th?.matches('th.n-data-table-th--sortable')) return
  e.preventDefault()
  e.stopPropagation()
  th.click()
}

/**
 * A data table's scrolling body with nothing to focus in it (no link, button or field) takes
 * the focus itself, so that the keyboard can scroll it, sideways in a narrow window too.
 */
function focusableTableBodies(root: ParentNode): void {
  for (const body of root.querySelectorAll<HTMLElement>(
    '.n-data-table .v-vl, .n-data-table .n-scrollbar-container'
  )) {
    if (body.hasAttribute('tabindex')) continue
    if (body.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')) continue
    body.tabIndex = 0
  }
}

/** Whether an element has an aria-label, or an aria-labelledby naming an element that exists. */
function labelled(el: Element): boolean {
  if (el.hasAttribute('aria-label')) return true
  const ids = el.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? []
  return ids.some((id) => document.getElementById(id) !== null)
}

export function applyAriaFixes(root: ParentNode = document): void {
  labelFormItems(root)
  labelNumberSteppers(root)
  fixCardHeaders(root)
  labelTableCheckboxes(root)
  nameExpandHeaders(root)
  sortableHeaders(root)
  focusableTableBodies(root)
  markDisabled(root)
}

/** Applies the fixes now and after every change to the document, once per animation frame. */
export function installAriaFixes(): MutationObserver {
  let pending = false
  const observer = new MutationObserver(() => {
    if (pending) return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      applyAriaFixes()
    })
  })
  // Class changes too: naive-ui disables a control by its class.
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['class']
  })
  document.addEventListener('keydown', sortFromKeyboard)
  applyAriaFixes()
  return observer
}
