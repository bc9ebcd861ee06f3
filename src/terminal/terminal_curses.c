/* ctguard-terminal.so: `top --live`'s screen through ncurses (src/cli/terminal_abi.h). One terminal
 * per process, like ncurses' own stdscr. */
#include <ncurses.h>
#include <stddef.h>

#include "cli/terminal_abi.h"

static SCREEN* screen;

static void init_styles(void) {
    if (!has_colors()) return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_GREEN, -1);
    init_pair(2, COLOR_YELLOW, -1);
    init_pair(3, COLOR_MAGENTA, -1);
    init_pair(4, COLOR_RED, -1);
    init_pair(5, COLOR_CYAN, -1);
}

static attr_t attr_of(int style) {
    const int colour = has_colors();
    switch (style) {
        case CTGUARD_STYLE_TITLE: return A_BOLD;
        case CTGUARD_STYLE_OK: return colour ? COLOR_PAIR(1) : A_NORMAL;
        case CTGUARD_STYLE_ELEVATED:
        case CTGUARD_STYLE_ALERT: return colour ? COLOR_PAIR(2) | A_BOLD : A_BOLD;
        case CTGUARD_STYLE_CAPPED: return colour ? COLOR_PAIR(3) | A_BOLD : A_BOLD;
        case CTGUARD_STYLE_CRITICAL: return colour ? COLOR_PAIR(4) | A_BOLD : A_BOLD;
        case CTGUARD_STYLE_SELECTED: return A_REVERSE;
        case CTGUARD_STYLE_DIM: return A_DIM;
        case CTGUARD_STYLE_PROMPT: return colour ? COLOR_PAIR(5) | A_BOLD : A_BOLD;
        default: return A_NORMAL;
    }
}

static int terminal_open(void) {
    /* newterm, not initscr: initscr ends the process when the terminal is unknown. */
    screen = newterm(NULL, stdout, stdin);
    if (!screen) return -1;
    raw(); /* Ctrl-C arrives as a key, so quitting always goes through close() */
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    init_styles();
    return 0;
}

static void terminal_close(void) {
    endwin();
    delscreen(screen);
    screen = NULL;
}

static void terminal_size(int* rows, int* cols) {
    *rows = LINES;
    *cols = COLS;
}

static void terminal_line(int y) {
    move(y, 0);
}

static void terminal_text(const char* utf8, int style) {
    attrset(attr_of(style));
    addstr(utf8);
}

static void terminal_end_line(void) {
    attrset(A_NORMAL);
    clrtoeol();
}

static void terminal_show(void) {
    refresh();
}

static int terminal_key(void) {
    const int ch = getch();
    switch (ch) {
        case ERR: return CTGUARD_KEY_NONE;
        case KEY_RESIZE: return CTGUARD_KEY_RESIZE;
        case KEY_BTAB: return CTGUARD_KEY_BACK_TAB;
        case KEY_UP: return CTGUARD_KEY_UP;
        case KEY_DOWN: return CTGUARD_KEY_DOWN;
        case KEY_ENTER: return CTGUARD_KEY_ENTER;
        case KEY_BACKSPACE: return CTGUARD_KEY_BACKSPACE;
        default: return ch >= 0 && ch <= 0xff ? ch : CTGUARD_KEY_NONE; /* other function keys: ignored */
    }
}

static const struct ctguard_terminal_api api = {
    terminal_open, terminal_close, terminal_size, terminal_line,
    terminal_text, terminal_end_line, terminal_show, terminal_key,
};

__attribute__((visibility("default"))) const struct ctguard_terminal_api* ctguard_terminal_v1(void) {
    return &api;
}

/* The binary calls it through this type: a change here that breaks it fails the build. */
static const ctguard_terminal_entry entry_type_check __attribute__((unused)) = ctguard_terminal_v1;
