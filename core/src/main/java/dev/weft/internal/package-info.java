/**
 * Helpers shared by Weft's packages. Not API: anything here may change without notice.
 */
package dev.weft.internal;
