// Thin C shim over libedit for the LineEditor target.
//
// Swift 6 cannot call C variadic functions (el_set, el_get, history) and
// cannot touch C global variables (stdout, SIG_IGN-style macros), so every
// call LineEditor needs goes through one small static inline function here.
#ifndef QUALIFY_CEDITLINE_SHIM_H
#define QUALIFY_CEDITLINE_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

typedef unsigned char (*ce_func_t)(EditLine *, int);
typedef char *(*ce_prompt_t)(EditLine *);

static inline FILE *ce_stdin(void) { return stdin; }
static inline FILE *ce_stdout(void) { return stdout; }
static inline FILE *ce_stderr(void) { return stderr; }

/// The terminal's width in columns (ioctl is variadic); 0 when fd is no terminal or does not say.
static inline int ce_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

// --- locale -----------------------------------------------------------------

/// setlocale(LC_ALL, "") as libedit needs, then make sure LC_CTYPE is UTF-8
/// (falls back to C.UTF-8 when the environment names no UTF-8 locale), and
/// keep LC_NUMERIC "C" so no C code formats numbers with a decimal comma.
/// Returns 1 when LC_CTYPE ends up UTF-8.
static inline int ce_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0)) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
            setlocale(LC_CTYPE, "C.utf8") == NULL)
            setlocale(LC_CTYPE, "en_US.UTF-8");
    }
    setlocale(LC_NUMERIC, "C");
    cs = nl_langinfo(CODESET);
    return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

// --- el_set / el_get ----------------------------------------------------------

static inline int ce_set_prompt(EditLine *el, ce_prompt_t f) { return el_set(el, EL_PROMPT, f); }
static inline int ce_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int ce_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int ce_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *ce_get_clientdata(EditLine *el) {
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    return p;
}
static inline int ce_set_getcfn(EditLine *el, el_rfunc_t f) { return el_set(el, EL_GETCFN, f); }
static inline int ce_add_function(EditLine *el, const char *name, const char *help, ce_func_t f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int ce_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// Edit-mode tty settings: no signals from ^C/^Z/^\ (they arrive as keys),
/// no CR/NL translation (so a pasted "\r\n" arrives as typed), no XON/XOFF.
static inline int ce_setty_edit_mode(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-isig", "-icrnl", "-inlcr", "-igncr", "-ixon", NULL);
}
static inline int ce_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
/// Puts the terminal in edit (raw) mode now, so the prompt is never shown
/// while the terminal still echoes and turns ^C into a signal.
static inline int ce_prepare_terminal(EditLine *el) { return el_set(el, EL_PREP_TERM, 1); }
/// Redraw prompt and line from the current terminal position.
static inline int ce_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }

// --- history ----------------------------------------------------------------

static inline int ce_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int ce_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int ce_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

// --- signals ------------------------------------------------------------------

static inline void ce_sigint_noop_handler(int sig) { (void)sig; }

/// Installs a do-nothing SIGINT handler (SA_RESTART), saving the old action.
/// A handler, unlike SIG_IGN, is reset to the default by exec, so child
/// programs still get a normal Ctrl-C.
static inline int ce_sigint_install_noop(struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ce_sigint_noop_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    return sigaction(SIGINT, &sa, old);
}
static inline int ce_sigint_restore(const struct sigaction *old) {
    return sigaction(SIGINT, old, NULL);
}

#endif
