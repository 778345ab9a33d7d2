import { http, HttpResponse } from 'msw';

/**
 * GitHub's contents API (`GET /repos/{owner}/{repo}/contents/{path}?ref=`) for the files a test puts there,
 * answered as GitHub answers Backstage's URL reader, which asks for `application/vnd.github.v3.raw`: the file's
 * bytes, or GitHub's JSON 404. The scaffolder runs in the test's process, so msw intercepts its calls.
 */
export function githubContents() {
  const files = new Map<string, string>();
  const key = (owner: string, repo: string, ref: string, path: string) => `${owner}/${repo}@${ref}:${path}`;
  const handler = http.get('https://api.github.com/repos/:owner/:repo/contents/*', ({ request, params }) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname.split('/contents/')[1]);
    const content = files.get(key(String(params.owner), String(params.repo), url.searchParams.get('ref') ?? 'main', path));
    if (content === undefined) {
      return HttpResponse.json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' }, { status: 404 });
    }
    return new HttpResponse(content, { headers: { 'content-type': 'application/vnd.github.v3.raw; charset=utf-8' } });
  });
  return {
    handler,
    /** Puts a file on a branch of a repository. */
    put: (owner: string, repo: string, ref: string, path: string, content: string) => void files.set(key(owner, repo, ref, path), content),
  };
}
