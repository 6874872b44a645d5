/** Shared look of the hosted pages; inline so each page stays self-contained (no asset requests). */
export const PAGE_STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; padding: 24px; color: #1d1d1f; background: #f6f7fb; }
  main { max-width: 440px; margin: 0 auto; background: #fff; border-radius: 12px; padding: 24px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 4px; } .badge { font-size: 12px; color: #b3261e; font-weight: 600; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; font-size: 14px; }
  dt { color: #666; } dd { margin: 0; word-break: break-all; }
  label { display: block; font-size: 14px; margin: 12px 0 4px; } input { width: 100%; padding: 8px; box-sizing: border-box; font-size: 16px; }
  .actions { display: flex; gap: 8px; margin-top: 16px; flex-wrap: wrap; }
  button { padding: 10px 14px; border-radius: 8px; border: 1px solid #ccc; background: #fff; cursor: pointer; font-size: 15px; }
  #flx-approve { background: #0b57d0; color: #fff; border-color: #0b57d0; }
  #flx-status { margin-top: 16px; font-size: 14px; white-space: pre-wrap; }
`
export const PICKER_STYLE = `
  fieldset { margin-top: 20px; border: 1px solid #ddd; border-radius: 8px; padding: 8px 12px 12px; }
  legend { font-size: 14px; padding: 0 4px; } select { width: 100%; padding: 8px; font-size: 15px; }
`
