// Reader-facing behaviour of the site (issue 12): question anchors open their question,
// the glossary's filter box. Bundled into assets/javascripts/ui.js by hooks/bundle.py.
import { installLabelButtons } from "./buttons.js"
import { installGlossary } from "./glossary.js"
import { installQuestionAnchors } from "./questions.js"

installQuestionAnchors(window)
installGlossary(window)
installLabelButtons(window)
