using Paperboy.Exports;

namespace Paperboy.Tests.Exports;

public class BibtexTests
{
    [Fact]
    public void NewStyleId_IsAMiscEntryAsArxivWritesIt_WithSymbolsProtected()
    {
        Assert.Equal("""
            @misc{vaswani2024attention,
              title = {Attention Is All You Need},
              author = {Ashish Vaswani and Noam Shazeer},
              year = {2024},
              eprint = {2401.00001},
              archivePrefix = {arXiv},
              primaryClass = {cs.CL},
              url = {https://arxiv.org/abs/2401.00001}
            }

            """.ReplaceLineEndings("\n"), Bibtex.Write([ExportPapers.Transformer]));
    }

    [Fact]
    public void OldStyleId_KeepsItsSlash_AndAddsTheDoiAndJournalReference()
    {
        Assert.Equal("""
            @misc{maldacena1997large,
              title = {The Large {N} Limit of Superconformal Field Theories and Supergravity},
              author = {Juan M. Maldacena},
              year = {1997},
              eprint = {hep-th/9711200},
              archivePrefix = {arXiv},
              primaryClass = {hep-th},
              url = {https://arxiv.org/abs/hep-th/9711200},
              doi = {10.1023/A:1026654312961},
              journal = {Adv.Theor.Math.Phys.2:231-252,1998}
            }

            """.ReplaceLineEndings("\n"), Bibtex.Write([ExportPapers.Maldacena]));
    }

    [Fact]
    public void Year_ComesFromTheIdWhenNoDateIsKnown()
    {
        var undated = ExportPapers.Paper("hep-th/9901001", "Strings", ["Ed Witten"], published: null);
        var recent = ExportPapers.Paper("2301.00002", "Strings", ["Ed Witten"], published: null);

        Assert.Contains("year = {1999}", Bibtex.Write([undated]));
        Assert.Contains("year = {2023}", Bibtex.Write([recent]));
    }

    [Fact]
    public void SpecialCharacters_AreEscapedForLatex_AndLettersStayUtf8()
    {
        var paper = ExportPapers.Paper("2401.00003", "100% of C# & $x_1$ ~ a^2 #1 <b> | Größe für Ωmega",
            ["Zoë Çelik", "Paweł Kovač"]);

        var bib = Bibtex.Write([paper]);

        Assert.Contains(@"title = {100\% of {C\#} \& \$x\_1\$ \textasciitilde{} a\textasciicircum{}2 \#1 \textless{}b\textgreater{} \textbar{} Größe für Ωmega},", bib);
        Assert.Contains("author = {Zoë Çelik and Paweł Kovač},", bib);
        Assert.StartsWith("@misc{celik", bib);
    }

    [Fact]
    public void HostileTitle_CannotCloseTheFieldOrOpenAnEntry()
    {
        var paper = ExportPapers.Paper("2401.00004", "Oops}, author = {Mallory}} @misc{evil, title={\\input{/etc/passwd} 100%",
            ["Ada Lovelace"]);

        var bib = Bibtex.Write([paper]);

        Assert.Contains(@"title = {Oops\textbraceright{}, author = \textbraceleft{}Mallory\textbraceright{}\textbraceright{} @misc\textbraceleft{}evil, title=\textbraceleft{}\textbackslash{}input\textbraceleft{}/etc/passwd\textbraceright{} 100\%},", bib);
        var entry = Assert.Single(BibtexShape.Entries(bib));
        Assert.Equal("lovelace2024oops", entry.Key);
        Assert.Equal(["title", "author", "year", "eprint", "archivePrefix", "primaryClass", "url"], entry.Fields.Keys);
    }

    [Fact]
    public void GroupWithLeadingBackslash_GetsTwoPairsOfBraces_SoBibtexKeepsItsCase()
    {
        var paper = ExportPapers.Paper("2401.00005", "\\AlphaGo and #BERT", ["ATLAS Collaboration"]);

        var bib = Bibtex.Write([paper]);

        Assert.Contains(@"title = {{{\textbackslash{}AlphaGo}} and {{\#BERT}}},", bib);
        Assert.Contains("author = {{ATLAS Collaboration}},", bib);
        Assert.StartsWith("@misc{atlas2024alphago,", bib);
    }

    [Fact]
    public void HostileAuthors_StayOneNameEach()
    {
        var paper = ExportPapers.Paper("2401.00006", "Names", [
            "Evil} and {Mallory", "Tom and Jerry", "Research and Development Team", "Martin Luther King Jr.",
            "Smith, John, Jr., the Third", "Ludwig van Beethoven", "Plato", "a\\b %c"]);

        var bib = Bibtex.Write([paper]);

        var authors = BibtexShape.Entries(bib).Single().Fields["author"];
        Assert.Equal(@"Evil\textbraceright{} {and} \textbraceleft{}Mallory and Tom {and} Jerry and {Research and Development Team}"
            + @" and King, Jr., Martin Luther and Smith, John, {Jr., the Third} and Ludwig van Beethoven and {Plato}"
            + @" and a\textbackslash{}b \%c", authors);
        // Split as BibTeX splits: at " and " outside braces.
        Assert.Equal(8, BibtexShape.SplitNames(authors).Count);
    }

    [Fact]
    public void Keys_AreUniqueInAFile_LetteredInOrder_AndNeverTakeAnotherPapersKey()
    {
        var first = ExportPapers.Paper("2401.00011", "Deep nets", ["Jane Smith"]);
        var second = ExportPapers.Paper("2401.00012", "Deep nets, again", ["J. Smith"]);
        var third = ExportPapers.Paper("2401.00013", "The deep ones", ["Jane Smith"]);
        var looksLettered = ExportPapers.Paper("2401.00014", "Deepa: a dataset", ["Jane Smith"]);
        var other = ExportPapers.Paper("2401.00015", "Deep nets", ["Alan Turing"]);

        var keys = BibtexShape.Entries(Bibtex.Write([first, second, third, looksLettered, other])).Select(e => e.Key).ToList();

        Assert.Equal(["smith2024deepb", "smith2024deepc", "smith2024deepd", "smith2024deepa", "turing2024deep"], keys);
    }

    [Fact]
    public void Keys_AreAsciiLettersAndDigits_WhateverTheNames()
    {
        Assert.Equal("vanbeethoven2024symphony", Key(["Ludwig van Beethoven"], "Symphony No. 9"));
        Assert.Equal("obrien2024gpt4", Key(["Dara O'Brien"], "GPT-4: a report"));
        Assert.Equal("kovac2024uber", Key(["Paweł Kovač"], "Über alles"));
        Assert.Equal("arxiv2024graph", Key(["张伟"], "Graph networks"));
        Assert.Equal("arxiv2024", Key([], "量子"));
        Assert.Equal("king2024dream", Key(["Martin Luther King Jr."], "A dream"));

        static string Key(List<string> authors, string title) =>
            BibtexShape.Entries(Bibtex.Write([ExportPapers.Paper("2401.00020", title, authors)])).Single().Key;
    }

    [Fact]
    public void Doi_WithBracesOrSpaces_IsLeftOut_AndAResolverPrefixIsDropped()
    {
        var braces = ExportPapers.Paper("2401.00030", "X", ["A B"], doi: "10.1000/x}, note={pwned");
        var prefixed = ExportPapers.Paper("2401.00031", "X", ["A B"], doi: "https://doi.org/10.1000/abc(1)2 10.1000/second");

        Assert.DoesNotContain("doi", Bibtex.Write([braces]));
        Assert.Contains("doi = {10.1000/abc(1)2}", Bibtex.Write([prefixed]));
    }

    [Fact]
    public void ManyPapers_AreEntriesApartByABlankLine()
    {
        var bib = Bibtex.Write([ExportPapers.Transformer, ExportPapers.Maldacena]);

        Assert.Contains("}\n\n@misc{maldacena1997large,", bib);
        Assert.Equal(["vaswani2024attention", "maldacena1997large"], BibtexShape.Entries(bib).Select(e => e.Key));
    }
}
