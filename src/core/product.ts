// The product's one name. Everything the action leaves on a machine carries it: the local image
// tags, the labels on the image and on the test container, the container's name, temporary folders,
// the builder it makes, the default cache scope. So a user can tell the action's things from their
// own, and the post step can refuse to touch anything that does not carry it.
export const PRODUCT = 'flask-gunicorn-action';

/**
 * A label key in the product's one namespace, `flask-gunicorn-action.NAME`. docker/Dockerfile
 * writes its two (worker, python-version) by hand: the unit tests hold it to this namespace.
 */
export function productLabel(name: string): string {
  return `${PRODUCT}.${name}`;
}
