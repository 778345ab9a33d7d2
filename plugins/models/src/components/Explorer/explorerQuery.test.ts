import { activeFilters, paramsOf, queryOf, withoutFilters } from './explorerQuery';

describe('the explorer query in the URL', () => {
  it('reads the API query from the URL, repeated parameters as lists, the page always said', () => {
    const query = queryOf(
      new URLSearchParams('q=churn&owner=group:default/a&owner=group:default/b&slo=critical&pending=true&mine=true&sort=budget&order=desc&offset=50&limit=50'),
    );
    expect(query).toEqual({
      q: 'churn',
      owner: ['group:default/a', 'group:default/b'],
      slo: ['critical'],
      pending: true,
      mine: true,
      sort: 'budget',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
  });

  it('leaves out what the API would refuse, rather than failing an old or edited link', () => {
    expect(queryOf(new URLSearchParams('slo=burning&slo=ok&sort=colour&order=up&limit=1000&offset=-5&pending=yes&q=%20%20'))).toEqual({
      slo: ['ok'],
      offset: 0,
      limit: 25,
    });
  });

  it('writes a query back as the same URL, leaving out what is at its default', () => {
    const url = 'q=churn&owner=group%3Adefault%2Fa&owner=group%3Adefault%2Fb&verdict=mismatch&attention=true&sort=owner&order=asc&offset=25';
    expect(paramsOf(queryOf(new URLSearchParams(url))).toString()).toBe(url);
    expect(paramsOf({ offset: 0, limit: 25, pending: undefined, owner: [] }).toString()).toBe('');
  });

  it('says the filters in force in words, and clears them keeping the view, sort and page size', () => {
    const query = queryOf(new URLSearchParams('q=churn&owner=group:default/a&review=never-reviewed&attention=true&mine=true&sort=owner&limit=50&offset=50'));
    expect(activeFilters(query, (_, v) => v.toUpperCase())).toEqual(['Search “churn”', 'Owner: GROUP:DEFAULT/A', 'Review: never reviewed', 'Needs attention']);
    expect(withoutFilters(query)).toEqual({ mine: true, sort: 'owner', limit: 50, offset: 0 });
    expect(activeFilters(withoutFilters(query), v => v)).toEqual([]);
  });
});
