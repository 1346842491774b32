using System.Text.RegularExpressions;
using Paperboy.Exports;

namespace Paperboy.Tests.Exports;

public class RisTests
{
    [Fact]
    public void NewStyleId_IsAGenericRecord_WithCrlfLineEnds()
    {
        Assert.Equal(
            "TY  - GEN\r\n" +
            "AU  - Vaswani, Ashish\r\n" +
            "AU  - Shazeer, Noam\r\n" +
            "TI  - Attention Is All You Need\r\n" +
            "PY  - 2024\r\n" +
            "DA  - 2024/01/01\r\n" +
            "AB  - We propose the Transformer, based on attention.\r\n" +
            "UR  - https://arxiv.org/abs/2401.00001\r\n" +
            "KW  - cs.CL\r\n" +
            "KW  - cs.LG\r\n" +
            "ER  - \r\n",
            Ris.Write([ExportPapers.Transformer]));
    }

    [Fact]
    public void OldStyleId_HasItsDoiAndJournal_AndRecordsAreApartByABlankLine()
    {
        var ris = Ris.Write([ExportPapers.Transformer, ExportPapers.Maldacena]);

        Assert.EndsWith(
            "ER  - \r\n" +
            "\r\n" +
            "TY  - GEN\r\n" +
            "AU  - Maldacena, Juan M.\r\n" +
            "TI  - The Large N Limit of Superconformal Field Theories and Supergravity\r\n" +
            "PY  - 1997\r\n" +
            "DA  - 1997/11/27\r\n" +
            "AB  - We show that the large N limit...\r\n" +
            "UR  - https://arxiv.org/abs/hep-th/9711200\r\n" +
            "DO  - 10.1023/A:1026654312961\r\n" +
            "JO  - Adv.Theor.Math.Phys.2:231-252,1998\r\n" +
            "KW  - hep-th\r\n" +
            "ER  - \r\n", ris);
    }

    [Fact]
    public void Names_AreFamilyGivenSuffix_AndGroupsStayWhole()
    {
        var paper = ExportPapers.Paper("2401.00002", "Names", ["Martin Luther King Jr.", "Ludwig van Beethoven", "ATLAS Collaboration", "Curie, Marie", "Plato"]);

        var authors = Ris.Write([paper]).Split("\r\n").Where(l => l.StartsWith("AU  - ")).Select(l => l[6..]);

        Assert.Equal(["King, Martin Luther, Jr.", "van Beethoven, Ludwig", "ATLAS Collaboration", "Curie, Marie", "Plato"], authors);
    }

    [Fact]
    public void LineBreaksInText_CannotStartATagOrEndTheRecord()
    {
        var paper = ExportPapers.Paper("2401.00003", "Title\r\nER  - \r\nTY  - JOUR\nTI  - Forged", ["Ada\nLovelace\u0000"],
            abstractText: "Line one.\n\nAU  - Mallory\rLine two.\u2028End.");

        var ris = Ris.Write([paper]);

        Assert.DoesNotMatch(new Regex("(?<!\r)\n"), ris);
        var lines = ris.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.Matches("^[A-Z][A-Z0-9]  - ", l));
        Assert.Equal(["TY", "AU", "TI", "PY", "AB", "UR", "KW", "ER"], lines.Select(l => l[..2]));
        Assert.Contains("TI  - Title ER - TY - JOUR TI - Forged\r\n", ris);
        Assert.Contains("AU  - Lovelace, Ada\r\n", ris);
        Assert.Contains("AB  - Line one. AU - Mallory Line two. End.\r\n", ris);
    }
}
