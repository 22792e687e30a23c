/**
 * Changes the types stage makes to the document it is lent, each undone by `undo`, last first:
 * openapi-typescript's transform is given the document the other stages read, with the credential
 * headers made optional and the discriminator enums patched in, and gets it back as it was, key
 * order included. A copy made for it (GitHub's 13 MB description parsed again: about 100 MB of
 * objects, each page of it a page fault) cost more than its few dozen edits.
 */
export class Edits {
  private readonly undos: (() => void)[] = [];

  /** `object[key] = value`; undone, the key has its value again, or is absent again. */
  set(object: Record<string, unknown>, key: string, value: unknown): void {
    const before = object[key];
    const undo = Object.hasOwn(object, key)
      ? () => {
          object[key] = before;
        }
      : () => {
          delete object[key];
        };
    object[key] = value;
    this.undos.push(undo);
  }

  /** `array.push(value)`; undone, the array has its length again. */
  push(array: unknown[], value: unknown): void {
    const { length } = array;
    array.push(value);
    this.undos.push(() => {
      array.length = length;
    });
  }

  /** Every change undone, the last first. */
  undo(): void {
    for (let index = this.undos.length - 1; index >= 0; index -= 1) this.undos[index]!();
    this.undos.length = 0;
  }
}
