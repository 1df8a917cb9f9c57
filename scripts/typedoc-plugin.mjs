// TypeDoc plugin (typedoc.json `plugin`): puts every export of the API reference into a category
// by the folder it is defined in — network, training, kernels, theory, data, linear algebra,
// errors, experiments — by adding the `@category` tag a doc comment would carry. An explicit
// `@category` in a doc comment wins. Categorising by folder keeps new exports categorised
// without anyone remembering the tag. It also names the two entry points as users import them,
// and turns the plain citations "docs/theory.md#anchor" of doc comments into links to those pages.
import { CommentTag, Converter, PageEvent, ReflectionKind } from 'typedoc';

/** Folder (or file) prefix under src/ → category; the first match wins. */
const CATEGORY_BY_PATH = [
  ['rnn/train.ts', 'Training'],
  ['rnn/sgd.ts', 'Training'],
  ['rnn/loss.ts', 'Training'],
  ['rnn/evaluate.ts', 'Training'],
  ['rnn/objective.ts', 'Training'],
  ['rnn/labelling.ts', 'Training'],
  ['rnn/', 'Network'],
  ['model/', 'Network'],
  ['kernels/', 'Kernels'],
  ['numeric/', 'Kernels'],
  ['theory/', 'Theory'],
  ['data/', 'Data'],
  ['io/', 'Data'],
  ['random/', 'Data'],
  ['linalg/', 'Linear algebra'],
  ['backend/', 'Linear algebra'],
  ['wasm/', 'Linear algebra'],
  ['validate.ts', 'Linear algebra'],
  ['errors.ts', 'Errors'],
  ['experiments/', 'Experiments'],
];

/** The module names users import. */
const MODULE_NAMES = { index: 'rnn-ntk', internals: 'rnn-ntk/internals' };

/** The category of an export defined in `file` (an absolute path under src/), or undefined. */
export function categoryOf(file) {
  const inSrc = file.replaceAll('\\', '/').split('/src/').pop() ?? '';
  return CATEGORY_BY_PATH.find(([prefix]) => inSrc.startsWith(prefix))?.[1];
}

/** A citation "docs/<page>.md#anchor" in page text, not already the text of a link. */
const CITATION = /(?<![\w/"'=-])docs\/(theory|experiments)\.md(#[\w-]+)?(?![^<]*<\/a>)/g;

/** `html` with each citation linked to its document page, relative to the page at `url`. */
export function linkCitations(html, url) {
  const up = '../'.repeat(url.split('/').length - 1);
  return html.replace(CITATION, (text, page, anchor = '') => `<a href="${up}documents/${page}.html${anchor}">${text}</a>`);
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.on(PageEvent.END, (page) => {
    if (page.contents !== undefined) page.contents = linkCitations(page.contents, page.url);
  });
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    for (const module of project.getChildrenByKind(ReflectionKind.Module)) {
      module.name = MODULE_NAMES[module.name] ?? module.name;
      for (const child of module.children ?? []) {
        const category = categoryOf(project.getSymbolIdFromReflection(child)?.fileName ?? '');
        if (category === undefined) continue;
        const comment = child.comment ?? child.signatures?.[0]?.comment;
        if (comment === undefined || comment.blockTags.some((t) => t.tag === '@category')) continue;
        comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: category }]));
      }
    }
  });
}
