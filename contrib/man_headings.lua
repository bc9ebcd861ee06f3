-- pandoc filter for ctguard.toml(5) (docs/config.md): section headings in capitals, as man pages
-- have them (NAME, SYNOPSIS, ...), while the Markdown keeps its own. TOML table names ([daemon])
-- stay as they are written in the file.
function Header(h)
  if h.level == 1 and not pandoc.utils.stringify(h):find("[", 1, true) then
    return pandoc.walk_block(h, { Str = function(s) return pandoc.Str(pandoc.text.upper(s.text)) end })
  end
end
