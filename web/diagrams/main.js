/* Diagrams: the site's own Mermaid, readable in the column, and a full-size viewer. */
import { installMermaid } from "./loader.js"

const here = (document.currentScript && document.currentScript.src) || location.href
installMermaid(new URL("../vendor/mermaid.min.js", here).href)
