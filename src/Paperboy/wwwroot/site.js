// Paperboy's script, loaded with defer. Everything it does is an enhancement: without it every form and link works.
//  - the theme picker (system / light / dark), remembered in localStorage; theme.js, a tiny blocking script in
//    <head>, applies the choice before the first paint;
//  - upvote forms sent with fetch, the count and state redrawn in place;
//  - keyboard shortcuts: j/k next/previous paper, u upvote, o or Enter open, / search, ? help;
//  - copy buttons beside a field ([data-copy]), such as a new API token.
(() => {
    "use strict";
    const root = document.documentElement;

    // Theme
    const pick = document.getElementById("theme-pick");
    if (pick) {
        pick.value = root.dataset.theme || "system";
        pick.addEventListener("change", () => {
            const theme = pick.value;
            try {
                if (theme === "system") localStorage.removeItem("theme"); else localStorage.setItem("theme", theme);
            } catch { /* private mode: the choice lasts for this page only */ }
            if (theme === "system") delete root.dataset.theme; else root.dataset.theme = theme;
        });
    }

    // A short message in a live region, for screen readers too.
    let toast, toastTimer;
    function say(text) {
        if (!toast) {
            toast = document.createElement("div");
            toast.className = "toast";
            toast.setAttribute("role", "status");
            document.body.append(toast);
        }
        toast.textContent = text;
        toast.hidden = false;
        clearTimeout(toastTimer);
        toastTimer = setTimeout(() => { toast.hidden = true; }, 6000);
    }

    function signIn() {
        location.href = "/account/signin?returnUrl=" + encodeURIComponent(location.pathname + location.search);
    }

    // Votes: the same form the server handles without JavaScript, sent with its antiforgery token, asking for JSON.
    function draw(form, voted, upvotes) {
        form.elements.up.value = voted ? "false" : "true";
        const button = form.querySelector("button");
        button.classList.toggle("voted", voted);
        button.setAttribute("aria-pressed", voted ? "true" : "false");
        button.title = voted ? "Remove your upvote" : "Upvote";
        form.querySelector(".votes-count").textContent = upvotes;
    }

    document.addEventListener("submit", async (event) => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-vote")) return;
        event.preventDefault();
        if (form.dataset.busy) return;
        form.dataset.busy = "1";
        try {
            const response = await fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { Accept: "application/json" },
                credentials: "same-origin",
            });
            // Signed out meanwhile: the server sent the sign-in page.
            if (response.redirected || response.status === 401) return signIn();
            const json = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
            if (response.ok && json) draw(form, json.voted, json.upvotes);
            else if (json && json.detail) say(json.detail);
            else if (response.status === 429) say("Too many votes at once: wait a moment and try again.");
            else form.submit(); // anything else: let the server answer with a page
        } catch {
            say("Could not reach the site. Check the connection and try again.");
        } finally {
            delete form.dataset.busy;
        }
    });

    // Keyboard shortcuts
    const cards = () => Array.from(document.querySelectorAll(".card"));
    const focused = () => (document.activeElement && document.activeElement.closest ? document.activeElement.closest(".card") : null);

    function move(step) {
        const list = cards();
        if (list.length === 0) return false;
        const at = list.indexOf(focused());
        const next = list[at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step))];
        next.tabIndex = -1;
        next.focus();
        next.scrollIntoView({ block: "nearest" });
        return true;
    }

    function upvote() {
        const card = focused();
        if (!card) return false;
        const form = card.querySelector("form[data-vote]");
        if (form) {
            if (form.requestSubmit) form.requestSubmit(); else form.querySelector("button").click();
            return true;
        }
        const link = card.querySelector("a.votes");
        if (link) { location.href = link.href; return true; }
        return false;
    }

    function open(key) {
        const card = focused();
        // Enter on a link or button inside the card does what it does; only the card itself opens the paper.
        if (!card || (key === "Enter" && document.activeElement !== card)) return false;
        const link = card.querySelector(".card-title a");
        if (!link) return false;
        location.href = link.href;
        return true;
    }

    function search() {
        const box = document.getElementById("site-search-q");
        if (!box) return false;
        box.focus();
        box.select();
        return true;
    }

    let help;
    function showHelp() {
        if (!help) {
            help = document.createElement("dialog");
            help.className = "shortcuts";
            help.setAttribute("aria-labelledby", "shortcuts-title");
            const rows = [["j", "Next paper"], ["k", "Previous paper"], ["u", "Upvote the paper (again to take it back)"],
                ["o", "Open the paper"], ["Enter", "Open the paper"], ["/", "Search"], ["?", "This help"], ["Esc", "Close"]];
            help.innerHTML = '<h2 id="shortcuts-title">Keyboard shortcuts</h2><dl></dl>' +
                '<form method="dialog"><button class="button" type="submit">Close</button></form>';
            const list = help.querySelector("dl");
            for (const [key, what] of rows) {
                const dt = document.createElement("dt");
                const kbd = document.createElement("kbd");
                kbd.textContent = key;
                dt.append(kbd);
                const dd = document.createElement("dd");
                dd.textContent = what;
                list.append(dt, dd);
            }
            help.addEventListener("click", (e) => { if (e.target === help) help.close(); });
            document.body.append(help);
        }
        if (!help.open) help.showModal();
        return true;
    }

    for (const button of document.querySelectorAll("[data-shortcuts]")) button.addEventListener("click", showHelp);

    document.addEventListener("keydown", (event) => {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
        const target = event.target;
        // Never while typing.
        if (target instanceof Element && (target.closest("input, textarea, select") || target.isContentEditable)) return;
        if (help && help.open) return;
        let handled;
        switch (event.key) {
            case "j": handled = move(1); break;
            case "k": handled = move(-1); break;
            case "u": handled = upvote(); break;
            case "o": case "Enter": handled = open(event.key); break;
            case "/": handled = search(); break;
            case "?": handled = showHelp(); break;
            default: handled = false;
        }
        if (handled) event.preventDefault();
    });

    // Copy buttons (data-copy: the id of the field to copy), e.g. for a new API token.
    for (const button of document.querySelectorAll("[data-copy]")) {
        button.addEventListener("click", async () => {
            const field = document.getElementById(button.dataset.copy);
            field.select();
            try {
                await navigator.clipboard.writeText(field.value);
                say("Copied.");
            } catch {
                say("Selected: copy it with Ctrl+C.");
            }
        });
    }
})();
