namespace MicroGen.Ir;

public enum Padding
{
    Same,
    Valid,
}
