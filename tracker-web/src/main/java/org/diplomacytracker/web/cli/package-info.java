/** The command line: {@code serve}, {@code import} and {@code export}, with their store options. */
package org.diplomacytracker.web.cli;
