/** What a password must be (issue 7): long enough, not the user's name, and not absurdly long. */

export const MIN_PASSWORD_LENGTH = 12;
/** Longer passwords add nothing but hashing work an attacker could make us do. */
export const MAX_PASSWORD_LENGTH = 1024;

/** The problems with a new password, empty when it is acceptable. Length counts characters, not bytes. */
export function passwordProblems(password: string, userName: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    problems.push(`password: at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`password: at most ${MAX_PASSWORD_LENGTH} characters`);
  if (password.trim().toLowerCase() === userName.trim().toLowerCase())
    problems.push('password: must not be the user name');
  return problems;
}
