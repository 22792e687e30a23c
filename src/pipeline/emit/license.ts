/**
 * The licence every package is published under, and its `LICENSE` file. MIT, as openapi-fetch
 * (the packages' one dependency) and the generators in this field are: the shortest permissive
 * licence, which a consumer's review already knows; Apache-2.0's patent grant matters little for
 * generated glue code. It covers the package's code, not the vendor's API or documentation.
 * The file carries no banner: licence detectors (npm, GitHub, a consumer's scanner) match the text
 * as it stands. It has no year either, so that regenerating gives the same bytes.
 */

/** The SPDX identifier in each package.json. */
export const LICENSE_ID = 'MIT';

/** Who holds the copyright on the generated code: the project's owner. */
export const COPYRIGHT_HOLDER = 'the voice-agent-sdks team';

export function emitLicense(): string {
  return `MIT License

Copyright (c) ${COPYRIGHT_HOLDER}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
}
