// Copies GOV.UK Frontend's JavaScript beside the built stylesheet. Not its
// fonts or crown icons: the GDS Transport typeface and the crown are only for
// GOV.UK services. The crest is copied because the stylesheet refers to it
// (the footer that would show it is not used).
import { cpSync, mkdirSync, rmSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "static/dist/govuk";
rmSync(target, { recursive: true, force: true });
mkdirSync(`${target}/assets`, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
mkdirSync(`${target}/assets/images`, { recursive: true });
cpSync(`${source}/assets/images/govuk-crest.svg`, `${target}/assets/images/govuk-crest.svg`);
