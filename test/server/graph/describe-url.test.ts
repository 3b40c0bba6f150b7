import { describeUrl } from '../../../server/graph/graph-http';

/** What logs and failure messages show of a Graph URL: never whose mailbox or account it is. */
describe('describeUrl', () => {
  it('leaves out the user a path names, by address, sign-in name or id, and the query', () => {
    expect(describeUrl('https://graph.microsoft.com/v1.0/users/reports@contoso.com/sendMail')).toBe('https://graph.microsoft.com/v1.0/users/{user}/sendMail');
    expect(describeUrl('https://graph.microsoft.com/v1.0/users/li.lei%40contoso.com')).toBe('https://graph.microsoft.com/v1.0/users/{user}');
    expect(describeUrl('https://graph.microsoft.com/v1.0/Users/6f1c3a2e-0000-4000-8000-000000000001/memberOf')).toBe(
      'https://graph.microsoft.com/v1.0/Users/{user}/memberOf',
    );
    expect(describeUrl("https://graph.microsoft.com/v1.0/users?$filter=mail eq 'a@b.c'")).toBe('https://graph.microsoft.com/v1.0/users');
    expect(describeUrl('https://graph.microsoft.com/v1.0/groups/g1/members')).toBe('https://graph.microsoft.com/v1.0/groups/g1/members');
    expect(describeUrl('https://graph.microsoft.com/v1.0/drives/d1/items/root:/a%40b.xlsx:/content')).toBe('https://graph.microsoft.com/v1.0/drives/d1/items/root:/{user}/content');
    expect(describeUrl('not a url')).toBe('(unparsable URL)');
  });
});
