#ifndef XENTUI_CNCURSES_SHIM_H
#define XENTUI_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Globals and macros Swift cannot import directly. */
static inline WINDOW *xt_stdscr(void) { return stdscr; }
static inline int xt_colors(void) { return COLORS; }
static inline int xt_color_pairs(void) { return COLOR_PAIRS; }
static inline int xt_lines(void) { return LINES; }
static inline int xt_cols(void) { return COLS; }

static inline attr_t xt_attr_bold(void) { return A_BOLD; }
static inline attr_t xt_attr_dim(void) { return A_DIM; }
static inline attr_t xt_attr_italic(void) { return A_ITALIC; }
static inline attr_t xt_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t xt_attr_reverse(void) { return A_REVERSE; }

/* A screen on the process's own stdin/stdout (NULL when TERM is unusable; initscr would exit). */
static inline SCREEN *xt_newterm(void) { return newterm(NULL, stdout, stdin); }

/* The terminal's size from the kernel (after SIGWINCH); 0 on success. */
static inline int xt_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* The C library's width of a character, as ncurses sees it (glibc declares wcwidth only for X/Open). */
extern int wcwidth(wchar_t);
static inline int xt_wcwidth(wchar_t c) { return wcwidth(c); }

/* The locale's character set name (e.g. "UTF-8"). */
static inline const char *xt_codeset(void) { return nl_langinfo(CODESET); }

/* Writes one cell with the wide API: up to CCHARW_MAX characters (base + combining), attributes
 * and an extended colour pair (passed through setcchar's opts, as ncurses 6.1+ allows). */
static inline int xt_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    int extended = pair;
    if (setcchar(&cell, text, attrs, (NCURSES_PAIRS_T)(pair > 32767 ? 0 : pair), &extended) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* Crash path: restore the terminal's modes without ncurses (only async-signal-safe calls), then
 * die of the same signal. The saved modes live in this one function's static storage; install and
 * handler are reached only through xt_install_crash_restore, so they share it. */
static inline struct termios *xt_saved_modes(int *valid_out, int set_valid) {
    static struct termios saved;
    static volatile sig_atomic_t valid = 0;
    if (set_valid >= 0) valid = set_valid;
    if (valid_out) *valid_out = valid;
    return &saved;
}

static inline void xt_crash_restore_handler(int sig) {
    static const char reset[] = "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";
    int valid = 0;
    struct termios *saved = xt_saved_modes(&valid, -1);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (valid) tcsetattr(STDIN_FILENO, TCSANOW, saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Saves the terminal's current modes and restores them if the process dies of a crash signal
 * (SIGSEGV, SIGBUS, SIGILL (Swift traps), SIGFPE, SIGABRT, SIGTRAP) or is killed by SIGTERM,
 * SIGHUP or SIGINT before a run loop handles those. */
static inline void xt_install_crash_restore(void) {
    struct termios *saved = xt_saved_modes(NULL, -1);
    if (tcgetattr(STDIN_FILENO, saved) == 0) xt_saved_modes(NULL, 1);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = xt_crash_restore_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGTERM, SIGHUP, SIGINT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &action, NULL);
}

#endif
