/**
 * The cleanest reading of an example printed in a Confluence diff export.
 *
 * The exports interleave old and new page text: an example's lines are cut into table cells
 * ("… |"), separated by "..." lines, and a word or a quoted key can be split across two cells
 * (`" |` then `mr": |`). The reading drops the "..." lines and the cell bars, then joins the
 * pieces: with nothing between them when the previous piece ends on the opening quote of a
 * string (the key or value continues on the next piece), with one space otherwise (a word
 * boundary inside a string, JSON whitespace outside one). Every example this reads is parsed
 * as JSON afterwards, so a wrong join shows up as a parse error, not as a silently odd value.
 */
export function diffReadingText(verbatim: string): string {
  const pieces = verbatim
    .split("\n")
    .filter((line) => line.trim() !== "...")
    .map((line) => line.replace(/\s*\|\s*$/, ""))
    .filter((line) => line.trim() !== "")
  let text = ""
  for (const piece of pieces) {
    if (text !== "") text += insideString(text) && text.endsWith('"') ? "" : " "
    text += piece
  }
  return text
}

/** Whether the text ends inside a JSON string (an odd number of unescaped quotes). */
function insideString(text: string): boolean {
  let inside = false
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") i++
    else if (text[i] === '"') inside = !inside
  }
  return inside
}

export function diffReading(verbatim: string): unknown {
  return JSON.parse(diffReadingText(verbatim))
}
