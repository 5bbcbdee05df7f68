// Reader-facing behaviour of the site (issue 12): question anchors open their question,
// the glossary's filter box. Bundled into assets/javascripts/ui.js by hooks/bundle.py.
import { installGlossary } from "./glossary.js"
import { installQuestionAnchors } from "./questions.js"

installQuestionAnchors(window)
installGlossary(window)
