namespace Paperboy.Import.OaiPmh;

/// <summary>
/// arXiv's oai_dc names categories in words: "Archive - Category" ("Computer Science - Robotics") or the archive
/// alone for one-category archives ("Quantum Physics"). This maps them back to codes (cs.RO, quant-ph) from arXiv's
/// category taxonomy. Other subjects (MSC and ACM classes such as "68T07" or "I.2.6") are not categories: null.
/// </summary>
public static class ArxivSubjects
{
    // (archive name, code prefix, "CODE Name|CODE Name|...")
    private static readonly (string Archive, string Prefix, string Categories)[] Groups =
    [
        ("Computer Science", "cs",
            "AI Artificial Intelligence|AR Hardware Architecture|CC Computational Complexity|" +
            "CE Computational Engineering, Finance, and Science|CG Computational Geometry|CL Computation and Language|" +
            "CR Cryptography and Security|CV Computer Vision and Pattern Recognition|CY Computers and Society|DB Databases|" +
            "DC Distributed, Parallel, and Cluster Computing|DL Digital Libraries|DM Discrete Mathematics|" +
            "DS Data Structures and Algorithms|ET Emerging Technologies|FL Formal Languages and Automata Theory|" +
            "GL General Literature|GR Graphics|GT Computer Science and Game Theory|HC Human-Computer Interaction|" +
            "IR Information Retrieval|IT Information Theory|LG Machine Learning|LG Learning|LO Logic in Computer Science|" +
            "MA Multiagent Systems|MM Multimedia|MS Mathematical Software|NA Numerical Analysis|" +
            "NE Neural and Evolutionary Computing|NI Networking and Internet Architecture|OH Other Computer Science|" +
            "OS Operating Systems|PF Performance|PL Programming Languages|RO Robotics|SC Symbolic Computation|SD Sound|" +
            "SE Software Engineering|SI Social and Information Networks|SY Systems and Control"),
        ("Economics", "econ", "EM Econometrics|GN General Economics|TH Theoretical Economics"),
        ("Electrical Engineering and Systems Science", "eess",
            "AS Audio and Speech Processing|IV Image and Video Processing|SP Signal Processing|SY Systems and Control"),
        ("Mathematics", "math",
            "AC Commutative Algebra|AG Algebraic Geometry|AP Analysis of PDEs|AT Algebraic Topology|" +
            "CA Classical Analysis and ODEs|CO Combinatorics|CT Category Theory|CV Complex Variables|" +
            "DG Differential Geometry|DS Dynamical Systems|FA Functional Analysis|GM General Mathematics|" +
            "GN General Topology|GR Group Theory|GT Geometric Topology|HO History and Overview|IT Information Theory|" +
            "KT K-Theory and Homology|LO Logic|MG Metric Geometry|MP Mathematical Physics|NA Numerical Analysis|" +
            "NT Number Theory|OA Operator Algebras|OC Optimization and Control|PR Probability|QA Quantum Algebra|" +
            "RA Rings and Algebras|RT Representation Theory|SG Symplectic Geometry|SP Spectral Theory|ST Statistics Theory"),
        ("Astrophysics", "astro-ph",
            "CO Cosmology and Nongalactic Astrophysics|EP Earth and Planetary Astrophysics|GA Astrophysics of Galaxies|" +
            "HE High Energy Astrophysical Phenomena|IM Instrumentation and Methods for Astrophysics|" +
            "SR Solar and Stellar Astrophysics"),
        ("Condensed Matter", "cond-mat",
            "dis-nn Disordered Systems and Neural Networks|mes-hall Mesoscale and Nanoscale Physics|" +
            "mtrl-sci Materials Science|other Other Condensed Matter|quant-gas Quantum Gases|soft Soft Condensed Matter|" +
            "stat-mech Statistical Mechanics|str-el Strongly Correlated Electrons|supr-con Superconductivity"),
        ("Nonlinear Sciences", "nlin",
            "AO Adaptation and Self-Organizing Systems|CD Chaotic Dynamics|CG Cellular Automata and Lattice Gases|" +
            "PS Pattern Formation and Solitons|SI Exactly Solvable and Integrable Systems"),
        ("Physics", "physics",
            "acc-ph Accelerator Physics|ao-ph Atmospheric and Oceanic Physics|app-ph Applied Physics|" +
            "atm-clus Atomic and Molecular Clusters|atom-ph Atomic Physics|bio-ph Biological Physics|" +
            "chem-ph Chemical Physics|class-ph Classical Physics|comp-ph Computational Physics|" +
            "data-an Data Analysis, Statistics and Probability|ed-ph Physics Education|flu-dyn Fluid Dynamics|" +
            "gen-ph General Physics|geo-ph Geophysics|hist-ph History and Philosophy of Physics|" +
            "ins-det Instrumentation and Detectors|med-ph Medical Physics|optics Optics|plasm-ph Plasma Physics|" +
            "pop-ph Popular Physics|soc-ph Physics and Society|space-ph Space Physics"),
        ("Quantitative Biology", "q-bio",
            "BM Biomolecules|CB Cell Behavior|GN Genomics|MN Molecular Networks|NC Neurons and Cognition|" +
            "OT Other Quantitative Biology|PE Populations and Evolution|QM Quantitative Methods|SC Subcellular Processes|" +
            "TO Tissues and Organs"),
        ("Quantitative Finance", "q-fin",
            "CP Computational Finance|EC Economics|GN General Finance|MF Mathematical Finance|PM Portfolio Management|" +
            "PR Pricing of Securities|RM Risk Management|ST Statistical Finance|TR Trading and Market Microstructure"),
        ("Statistics", "stat",
            "AP Applications|CO Computation|ME Methodology|ML Machine Learning|OT Other Statistics|TH Statistics Theory"),
    ];

    // Archives with one category, and old papers filed under an archive without a category.
    private static readonly (string Name, string Code)[] Archives =
    [
        ("General Relativity and Quantum Cosmology", "gr-qc"), ("High Energy Physics - Experiment", "hep-ex"),
        ("High Energy Physics - Lattice", "hep-lat"), ("High Energy Physics - Phenomenology", "hep-ph"),
        ("High Energy Physics - Theory", "hep-th"), ("Mathematical Physics", "math-ph"), ("Nuclear Experiment", "nucl-ex"),
        ("Nuclear Theory", "nucl-th"), ("Quantum Physics", "quant-ph"), ("Astrophysics", "astro-ph"),
        ("Condensed Matter", "cond-mat"), ("Nonlinear Sciences", "nlin"), ("Quantitative Biology", "q-bio"),
    ];

    private static readonly Dictionary<string, string> Codes = Build();

    public static string? Code(string subject) => Codes.GetValueOrDefault(subject.Trim());

    /// <summary>A category's name in words ("Computation and Language" for cs.CL), any case; null when unknown.</summary>
    public static string? Name(string code) => Names.GetValueOrDefault(code.Trim()).Name;

    /// <summary>A category code in arXiv's spelling (cs.CL for CS.cl), or null when the taxonomy has no such code.</summary>
    public static string? Canonical(string code) => Names.GetValueOrDefault(code.Trim()).Code;

    // Code to (code, name); the first name of a code wins ("Machine Learning" over the older "Learning").
    private static readonly Dictionary<string, (string Code, string Name)> Names = BuildNames();

    private static Dictionary<string, (string Code, string Name)> BuildNames()
    {
        var names = new Dictionary<string, (string Code, string Name)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, prefix, categories) in Groups)
        foreach (var entry in categories.Split('|'))
        {
            var space = entry.IndexOf(' ');
            names.TryAdd($"{prefix}.{entry[..space]}", ($"{prefix}.{entry[..space]}", entry[(space + 1)..]));
        }
        foreach (var (name, code) in Archives) names.TryAdd(code, (code, name));
        return names;
    }

    private static Dictionary<string, string> Build()
    {
        var codes = Archives.ToDictionary(a => a.Name, a => a.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var (archive, prefix, categories) in Groups)
        foreach (var entry in categories.Split('|'))
        {
            var space = entry.IndexOf(' ');
            codes[$"{archive} - {entry[(space + 1)..]}"] = $"{prefix}.{entry[..space]}";
        }
        return codes;
    }
}
